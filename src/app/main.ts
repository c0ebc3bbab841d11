document.getElementById('app')!.textContent = 'Microflash';
